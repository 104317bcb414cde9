;;; figlint.el --- figlint lsp with Eglot  -*- lexical-binding: t -*-
;; Put this in your init file (Emacs 29 has Eglot built in; Emacs 28
;; needs the eglot package, Debian's elpa-eglot). Then M-x eglot in a
;; Markdown page, or (add-hook 'markdown-mode-hook #'eglot-ensure).
;; M-x eglot-code-actions offers figlint's quick fixes, "Suppress RULE
;; on this line" and "Fix all safe figlint findings".
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '(markdown-mode . ("figlint" "lsp"))))
