package lsp_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/cli"
	"github.com/figlint/figlint/internal/testenv"
)

const docsURL = "https://github.com/figlint/figlint/blob/main/docs/rules.md#"

// find returns the diagnostic of the rule whose message contains part.
func find(t *testing.T, diags []diagnostic, rule, part string) diagnostic {
	t.Helper()
	for _, d := range diags {
		if d.Code == rule && strings.Contains(d.Message, part) {
			return d
		}
	}
	t.Fatalf("no %s diagnostic with %q among %+v", rule, part, diags)
	return diagnostic{}
}

func open(c *client, page, text string) string {
	uri := fileURI(page)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
	return uri
}

func TestLifecycle(t *testing.T) {
	dir, _ := site(t)
	c := start(t, dir)
	if r := c.request("textDocument/hover", map[string]any{}); r.Error == nil || r.Error.Code != -32002 {
		t.Errorf("a request before initialize: got %+v, expected error -32002", r)
	}
	if enc := c.initialize(); enc != "utf-16" {
		t.Errorf("no encoding offered: chose %q, expected utf-16", enc)
	}
	if r := c.request("initialize", map[string]any{}); r.Error == nil || r.Error.Code != -32600 {
		t.Errorf("a second initialize: got %+v, expected error -32600", r)
	}
	if r := c.request("textDocument/definition", map[string]any{}); r.Error == nil || r.Error.Code != -32601 {
		t.Errorf("an unknown method: got %+v, expected MethodNotFound -32601", r)
	}
	c.notify("$/unknownNotification", map[string]any{}) // dropped silently
	// A request cancelled before it is read is answered RequestCancelled.
	c.notify("$/cancelRequest", map[string]any{"id": c.nextID + 1})
	if r := c.request("textDocument/hover", map[string]any{}); r.Error == nil || r.Error.Code != -32800 {
		t.Errorf("a cancelled request: got %+v, expected error -32800", r)
	}
	if r := c.request("shutdown", nil); r.Error != nil || string(r.Result) != "null" {
		t.Errorf("shutdown: got %+v, expected the result null", r)
	}
	if r := c.request("textDocument/hover", map[string]any{}); r.Error == nil || r.Error.Code != -32600 {
		t.Errorf("a request after shutdown: got %+v, expected error -32600", r)
	}
	c.notify("exit", nil)
	if code := c.exitStatus(); code != 0 {
		t.Errorf("exit after shutdown: status %d, expected 0", code)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	dir, _ := site(t)
	c := start(t, dir)
	c.initialize()
	c.notify("exit", nil)
	if code := c.exitStatus(); code != 1 {
		t.Errorf("exit without shutdown: status %d, expected 1", code)
	}
}

func TestMalformedJSON(t *testing.T) {
	dir, _ := site(t)
	c := start(t, dir)
	if _, err := c.toSrv.Write([]byte("Content-Length: 5\r\n\r\n{oops")); err != nil {
		t.Fatal(err)
	}
	m := c.take("parse error", func(m wire) bool { return m.Error != nil })
	if m.Error.Code != -32700 || string(m.ID) != "null" {
		t.Errorf("malformed JSON: got %+v, expected error -32700 with id null", m)
	}
	c.initialize() // the stream goes on
}

// TestDiagnosticsInEachEncoding: the page's findings arrive with their
// rule, link, severity and source, at ranges exact in each encoding on
// a line holding "é" and an astral character before the finding.
func TestDiagnosticsInEachEncoding(t *testing.T) {
	for _, enc := range []string{"utf-8", "utf-16", "utf-32"} {
		t.Run(enc, func(t *testing.T) {
			dir, page := site(t)
			c := start(t, dir)
			offered := []string{enc}
			if enc == "utf-16" {
				offered = []string{"utf-7", "utf-16", "utf-8"} // the first the server speaks wins
			}
			if got := c.initialize(offered...); got != enc {
				t.Fatalf("offered %v: chose %q, expected %s", offered, got, enc)
			}
			text := readFile(t, page)
			uri := open(c, page, text)
			diags := c.diagnostics(uri, 1)
			if len(diags) != 5 {
				t.Fatalf("got %d diagnostics, expected the page's 5: %+v", len(diags), diags)
			}
			homo := find(t, diags, "organism-name", `"Homo  sapiens"`)
			want := rng{Start: at(t, text, "Homo  sapiens", enc), End: at(t, text, "]\norganisms_ner", enc)}
			if homo.Range != want {
				t.Errorf("organism-name range %+v, expected %+v", homo.Range, want)
			}
			if homo.Severity != 2 || homo.Source != "figlint" || homo.CodeDescription.Href != docsURL+"organism-name" {
				t.Errorf("organism-name diagnostic %+v: expected severity 2 (warning), source figlint, the rule's docs", homo)
			}
			hyg := find(t, diags, "text-hygiene", "journal_title")
			want = rng{Start: at(t, text, "Acta é", enc), End: at(t, text, "\njournal_nlm_ta", enc)}
			if hyg.Range != want || hyg.Severity != 3 {
				t.Errorf("text-hygiene range %+v severity %d, expected %+v and 3 (note as information)", hyg.Range, hyg.Severity, want)
			}
			doi := find(t, diags, "doi-format", "URL prefix")
			if doi.Severity != 1 {
				t.Errorf("doi-format severity %d, expected 1 (error)", doi.Severity)
			}
			ner := find(t, diags, "organisms-ner-mismatch", "share no organism")
			if len(ner.RelatedInformation) != 3 {
				t.Fatalf("organisms-ner-mismatch related %+v, expected the 3 keywords", ner.RelatedInformation)
			}
			r := ner.RelatedInformation[1]
			want = rng{Start: at(t, text, "MAP3K7", enc), End: at(t, text, "\n  - UBE2N", enc)}
			if r.Location.URI != uri || r.Location.Range != want || !strings.Contains(r.Message, `"MAP3K7"`) {
				t.Errorf("related %+v, expected %s at %+v", r, uri, want)
			}
		})
	}
}

// TestChanges: incremental and full changes are applied in the
// negotiated encoding and the newest text is linted.
func TestChanges(t *testing.T) {
	for _, enc := range []string{"utf-8", "utf-16", "utf-32"} {
		t.Run(enc, func(t *testing.T) {
			dir, page := site(t)
			c := start(t, dir)
			c.initialize(enc)
			text := readFile(t, page)
			uri := open(c, page, text)
			c.diagnostics(uri, 1)
			// Mend "Homo  sapiens" by deleting one of its spaces, a range
			// that lies after the emoji on its line.
			p := at(t, text, "Homo  sapiens", enc)
			p.Character += units("Homo", enc)
			end := p
			end.Character++
			c.notify("textDocument/didChange", map[string]any{
				"textDocument":   map[string]any{"uri": uri, "version": 2},
				"contentChanges": []map[string]any{{"range": rng{Start: p, End: end}, "text": ""}},
			})
			diags := c.diagnostics(uri, 2)
			for _, d := range diags {
				if strings.Contains(d.Message, "Homo  sapiens") {
					t.Errorf("after the change, still %+v", d)
				}
			}
			find(t, diags, "organism-name", `"Mus musculus é🧬"`)
			// Two changes in one notification, the second against the
			// text the first left: a full text, then an insertion.
			full := strings.Replace(text, "https://doi.org/", "", 1)
			ins := at(t, full, "NASH\n", enc)
			c.notify("textDocument/didChange", map[string]any{
				"textDocument": map[string]any{"uri": uri, "version": 3},
				"contentChanges": []map[string]any{{"text": full},
					{"range": rng{Start: ins, End: ins}, "text": "  "}},
			})
			diags = c.diagnostics(uri, 3)
			for _, d := range diags {
				if d.Code == "doi-format" {
					t.Errorf("the full text has a bare DOI, got %+v", d)
				}
			}
			sp := find(t, diags, "text-hygiene", "keywords")
			want := at(t, full, "Usp13 | Irhom2", enc)
			if sp.Range.Start != want {
				t.Errorf("keywords text-hygiene at %+v, expected %+v", sp.Range.Start, want)
			}
		})
	}
}

func codeActions(c *client, uri string, r rng, only ...string) []codeAction {
	params := map[string]any{"textDocument": map[string]any{"uri": uri}, "range": r,
		"context": map[string]any{"diagnostics": []any{}, "only": only}}
	if len(only) == 0 {
		delete(params["context"].(map[string]any), "only")
	}
	var actions []codeAction
	c.call("textDocument/codeAction", params, &actions)
	return actions
}

// TestQuickFixes: the DOI's fix, the suppression and fix-all, applied as
// a client applies them, in each encoding.
func TestQuickFixes(t *testing.T) {
	for _, enc := range []string{"utf-8", "utf-16", "utf-32"} {
		t.Run(enc, func(t *testing.T) {
			dir, page := site(t)
			c := start(t, dir)
			c.initialize(enc)
			text := readFile(t, page)
			uri := open(c, page, text)
			diags := c.diagnostics(uri, 1)
			doi := find(t, diags, "doi-format", "URL prefix")
			actions := codeActions(c, uri, doi.Range, "quickfix")
			var fix, suppress *codeAction
			for i, a := range actions {
				switch {
				case a.Title == "replace with the normalised DOI":
					fix = &actions[i]
				case a.Title == "Suppress doi-format on this line":
					suppress = &actions[i]
				case a.Kind != "quickfix":
					t.Errorf("only quickfix asked for, got %+v", a)
				}
			}
			if fix == nil || suppress == nil {
				t.Fatalf("expected the DOI fix and its suppression, got %+v", actions)
			}
			wantEdit := textEdit{Range: rng{Start: at(t, text, "https://doi.org/", enc), End: at(t, text, "\njournal_title", enc)},
				NewText: "10.1016/j.apsb.2022.12.006"}
			if e := fix.Edit.Changes[uri]; len(e) != 1 || e[0] != wantEdit || !fix.IsPreferred || len(fix.Diagnostics) != 1 || fix.Diagnostics[0].Code != "doi-format" {
				t.Errorf("DOI fix %+v, expected the one edit %+v, preferred, for its diagnostic", fix, wantEdit)
			}
			fixed := apply(t, text, fix.Edit.Changes[uri], enc)
			if !strings.Contains(fixed, "\ndoi: 10.1016/j.apsb.2022.12.006\n") {
				t.Errorf("the DOI fix left %q", fixed)
			}
			sup := apply(t, text, suppress.Edit.Changes[uri], enc)
			if !strings.Contains(sup, "\ndoi: https://doi.org/10.1016/j.apsb.2022.12.006 # figlint-ignore doi-format --\n") {
				t.Errorf("the suppression left %q", sup)
			}
			c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
				"contentChanges": []map[string]any{{"text": sup}}})
			diags = c.diagnostics(uri, 2)
			find(t, diags, "suppression-reason", "") // the reason is the user's to write
			for _, d := range diags {
				if d.Code == "doi-format" {
					t.Errorf("suppressed, still %+v", d)
				}
			}
			c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 3},
				"contentChanges": []map[string]any{{"text": text}}})
			c.diagnostics(uri, 3)
			all := codeActions(c, uri, rng{}, "source.fixAll")
			if len(all) != 1 || all[0].Kind != "source.fixAll.figlint" || len(all[0].Edit.Changes) != 1 {
				t.Fatalf("fix-all: got %+v, expected one action editing the page", all)
			}
			got := apply(t, text, all[0].Edit.Changes[uri], enc)
			// figlint --fix on the same text, written to disk.
			if err := os.WriteFile(page, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			var out, errs strings.Builder
			cli.Main([]string{"--fix", "--no-cache", page}, cli.IO{Stdout: &out, Stderr: &errs, Dir: dir})
			if want := readFile(t, page); got != want {
				t.Errorf("fix-all gave\n%s\nexpected what figlint --fix wrote:\n%s\n%s", got, want, errs.String())
			}
			if got == text {
				t.Errorf("fix-all changed nothing")
			}
		})
	}
}

func TestHover(t *testing.T) {
	dir, page := site(t)
	c := start(t, dir)
	c.initialize("utf-8")
	text := readFile(t, page)
	uri := open(c, page, text)
	c.diagnostics(uri, 1)
	p := at(t, text, "doi.org", "utf-8")
	var h struct {
		Contents struct {
			Kind  string `json:"kind"`
			Value string `json:"value"`
		} `json:"contents"`
	}
	c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": p}, &h)
	if h.Contents.Kind != "markdown" || !strings.Contains(h.Contents.Value, "**doi-format** (error)") ||
		!strings.Contains(h.Contents.Value, "```yaml") {
		t.Errorf("hover over the DOI: %+v, expected the rule's documentation", h)
	}
	resp := c.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": pos{Line: 1, Character: 0}})
	if resp.Error != nil || string(resp.Result) != "null" {
		t.Errorf("hover where there is no finding: %+v, expected null", resp)
	}
}

// TestWatchedFiles: a changed genes table re-lints its page, and a new
// configuration file re-lints every page with it.
func TestWatchedFiles(t *testing.T) {
	dir, page := site(t)
	c := start(t, dir)
	c.initialize("utf-8")
	reg := c.take("watcher registration", func(m wire) bool { return m.Method == "client/registerCapability" })
	if !strings.Contains(string(reg.Params), "**/_data/*-genes.tsv") {
		t.Errorf("registration %s does not watch the genes tables", reg.Params)
	}
	c.send(wire{ID: reg.ID, Result: json.RawMessage("null")})
	text := readFile(t, page)
	uri := open(c, page, text)
	for _, d := range c.diagnostics(uri, 1) {
		if d.Code == "genes-table" {
			t.Fatalf("the page agrees with its table, got %+v", d)
		}
	}
	table := filepath.Join(dir, "_data", "PMC10031279__gr8-genes.tsv")
	rows := strings.SplitAfter(readFile(t, table), "\n")
	if err := os.WriteFile(table, []byte(strings.Join(rows[:3], "")), 0o644); err != nil { // UBE2N's row gone
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": fileURI(table), "type": 2}}})
	gt := find(t, c.diagnostics(uri, 1), "genes-table", "UBE2N")
	if gt.Severity == 0 {
		t.Errorf("genes-table diagnostic %+v", gt)
	}
	cfg := filepath.Join(dir, ".figlint.yaml")
	if err := os.WriteFile(cfg, []byte("rules:\n  genes-table: off\n  doi-format: note\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": fileURI(cfg), "type": 1}}})
	diags := c.diagnostics(uri, 1)
	for _, d := range diags {
		if d.Code == "genes-table" {
			t.Errorf("genes-table is off in the configuration, got %+v", d)
		}
	}
	if d := find(t, diags, "doi-format", ""); d.Severity != 3 {
		t.Errorf("doi-format is a note in the configuration, got severity %d", d.Severity)
	}
	// A broken configuration is said on the page, not a crash.
	if err := os.WriteFile(cfg, []byte("rules: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": fileURI(cfg), "type": 2}}})
	diags = c.diagnostics(uri, 1)
	if len(diags) != 1 || !strings.Contains(diags[0].Message, ".figlint.yaml") || diags[0].Severity != 1 {
		t.Errorf("a broken configuration: got %+v, expected one error naming it", diags)
	}
}

// TestClose: closing a page clears its diagnostics.
func TestClose(t *testing.T) {
	dir, page := site(t)
	c := start(t, dir)
	c.initialize()
	uri := open(c, page, readFile(t, page))
	c.diagnostics(uri, 1)
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	m := c.take("cleared diagnostics", func(m wire) bool { return m.Method == "textDocument/publishDiagnostics" })
	var p published
	if err := json.Unmarshal(m.Params, &p); err != nil || p.URI != uri || p.Diagnostics == nil || len(p.Diagnostics) != 0 {
		t.Errorf("after didClose: %s, expected an empty list for %s", m.Params, uri)
	}
}

// TestTypingBurst: of a burst of changes, the newest text's diagnostics
// arrive, and no older version's after them.
func TestTypingBurst(t *testing.T) {
	dir, page := site(t)
	c := start(t, dir)
	c.initialize("utf-8")
	text := readFile(t, page)
	uri := open(c, page, text)
	c.diagnostics(uri, 1)
	p := at(t, text, "\njournal_title", "utf-8")
	for v := 2; v <= 20; v++ {
		c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": v},
			"contentChanges": []map[string]any{{"range": rng{Start: p, End: p}, "text": "x"}}})
		p.Character++
	}
	diags := c.diagnostics(uri, 20)
	find(t, diags, "doi-format", `"https://doi.org/10.1016/j.apsb.2022.12.006xxxxxxxxxxxxxxxxxxx"`)
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, m := range c.queue {
		if m.Method == "textDocument/publishDiagnostics" {
			t.Errorf("diagnostics after the newest version's: %s", m.Params)
		}
	}
}

// TestRealPages: every real PFOCR page of the sample, opened in the
// server, gets the findings (rule, line and column) that figlint reports
// when it lints the page alone.
func TestRealPages(t *testing.T) {
	corpus := testenv.Corpus(t)
	dir := testenv.CopyTree(t, corpus)
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	pages, err := filepath.Glob(filepath.Join(dir, "_figures", "*.md"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages in %s: %v", dir, err)
	}
	c := start(t, dir)
	c.initialize("utf-32")
	for _, page := range pages {
		rel := "_figures/" + filepath.Base(page)
		var out strings.Builder
		cli.Main([]string{"--format", "json", "--no-cache", rel}, cli.IO{Stdout: &out, Stderr: &out, Dir: dir})
		var run struct {
			Findings []struct {
				Rule         string `json:"rule"`
				Path         string `json:"path"`
				Message      string `json:"message"`
				Line, Column int
			} `json:"findings"`
		}
		if err := json.Unmarshal([]byte(out.String()), &run); err != nil {
			t.Fatalf("figlint --format json %s: %v\n%s", rel, err, out.String())
		}
		var want []string
		for _, f := range run.Findings {
			if f.Path == rel { // a table's own findings are shown on the page's first line
				want = append(want, fmt.Sprintf("%s %d:%d", f.Rule, f.Line, f.Column))
			}
		}
		uri := open(c, page, readFile(t, page))
		var got []string
		for _, d := range c.diagnostics(uri, 1) {
			if !strings.HasPrefix(d.Message, "_data/") {
				// utf-32 characters are code points, as figlint's columns.
				got = append(got, fmt.Sprintf("%s %d:%d", d.Code, d.Range.Start.Line+1, d.Range.Start.Character+1))
			}
		}
		sort.Strings(want)
		sort.Strings(got)
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("%s: diagnostics %v, expected the lint run's %v", rel, got, want)
		}
	}
}

// TestBaseline: figlint lsp --baseline hides the findings a baseline
// written by a lint run holds, and shows a new one.
func TestBaseline(t *testing.T) {
	dir, page := site(t)
	var out strings.Builder
	if code := cli.Main([]string{"--write-baseline", "figlint.baseline", "--no-cache", "_figures"}, cli.IO{Stdout: &out, Stderr: &out, Dir: dir}); code != 0 {
		t.Fatalf("--write-baseline: status %d\n%s", code, out.String())
	}
	c := start(t, dir, "--baseline", "figlint.baseline")
	c.initialize("utf-8")
	text := readFile(t, page)
	uri := open(c, page, text)
	if diags := c.diagnostics(uri, 1); len(diags) != 0 {
		t.Errorf("every finding is in the baseline, got %+v", diags)
	}
	changed := strings.Replace(text, "USP13 removes", "USP13  removes", 1)
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": changed}}})
	diags := c.diagnostics(uri, 2)
	if len(diags) != 1 || diags[0].Code != "text-hygiene" {
		t.Errorf("after a new problem: %+v, expected its text-hygiene finding alone", diags)
	}
}

// TestWorkspaceCollection: with a workspace folder, the collection-level
// rules compare the open page with the folder's other pages (from disk)
// in the background; an unsaved change counts once it is saved, and a
// page the configuration excludes gets nothing.
func TestWorkspaceCollection(t *testing.T) {
	dir, page := site(t)
	other := filepath.Join(dir, "_figures", "PMC10031279__gr8-copy.md")
	text := readFile(t, page)
	if err := os.WriteFile(other, []byte(text), 0o644); err != nil { // the same figid_alias and redirect_from
		t.Fatal(err)
	}
	c := start(t, dir)
	params := map[string]any{"processId": nil, "rootUri": fileURI(dir), "capabilities": map[string]any{}}
	c.call("initialize", params, nil)
	c.notify("initialized", map[string]any{})
	uri := open(c, page, text)
	hasDup := func(diags []diagnostic) bool {
		for _, d := range diags {
			if d.Code == "duplicate-alias" {
				return true
			}
		}
		return false
	}
	await := func(what string, version int, want func([]diagnostic) bool) []diagnostic {
		m := c.take(what, func(m wire) bool {
			var p published
			return m.Method == "textDocument/publishDiagnostics" && json.Unmarshal(m.Params, &p) == nil &&
				p.URI == uri && p.Version != nil && *p.Version == version && want(p.Diagnostics)
		})
		var p published
		if err := json.Unmarshal(m.Params, &p); err != nil {
			t.Fatal(err)
		}
		return p.Diagnostics
	}
	diags := await("the duplicate alias", 1, hasDup)
	var dup diagnostic
	for _, d := range diags {
		if d.Code == "duplicate-alias" {
			dup = d
		}
	}
	if want := at(t, text, "PMC10031279__F8", "utf-16"); dup.Range.Start != want || !strings.Contains(dup.Message, "_figures/PMC10031279__gr8-copy.md") {
		t.Errorf("duplicate-alias %+v, expected it at %+v naming the other page", dup, want)
	}
	// Mend the duplicate in the buffer and save (without writing: the
	// server reads the buffer).
	mended := strings.ReplaceAll(text, "PMC10031279__F8", "PMC10031279__F9")
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": mended}}})
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	await("the mended page", 2, func(d []diagnostic) bool { return !hasDup(d) && len(d) > 0 })
	// Excluded by the configuration: no diagnostics at all.
	if err := os.WriteFile(filepath.Join(dir, ".figlint.yaml"), []byte("exclude: [\"_figures/*-copy.md\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": fileURI(filepath.Join(dir, ".figlint.yaml")), "type": 1}}})
	ouri := open(c, other, text)
	m := c.take("the excluded page's diagnostics", func(m wire) bool {
		var p published
		return m.Method == "textDocument/publishDiagnostics" && json.Unmarshal(m.Params, &p) == nil && p.URI == ouri
	})
	var p published
	if err := json.Unmarshal(m.Params, &p); err != nil || len(p.Diagnostics) != 0 {
		t.Errorf("an excluded page got %s", m.Params)
	}
}
