-- figlint lsp in Neovim 0.7 or later (the built-in client): put this in
-- your init.lua, or :luafile it. Markdown buffers get figlint's
-- diagnostics; the code actions (vim.lsp.buf.code_action()) offer its
-- quick fixes, "Suppress RULE on this line" and "Fix all safe figlint
-- findings"; vim.lsp.buf.hover() shows the rule's documentation.
local figlint_client
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'markdown',
  callback = function(args)
    if not figlint_client or vim.lsp.client_is_stopped(figlint_client) then
      figlint_client = vim.lsp.start_client({
        name = 'figlint',
        cmd = { 'figlint', 'lsp' }, -- add flags here, e.g. '--baseline', '.figlint-baseline'
        root_dir = vim.fn.getcwd(),
      })
    end
    if figlint_client then
      vim.lsp.buf_attach_client(args.buf, figlint_client)
    end
  end,
})
