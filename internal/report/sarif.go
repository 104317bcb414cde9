package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/safeio"
	"github.com/figlint/figlint/rules"
)

// SARIF output constants.
const (
	// SARIFSchema is the $schema of the output: the OASIS SARIF 2.1.0
	// schema with its errata (a copy is in ../shared/schemas).
	SARIFSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// SARIFVersion is the SARIF version written.
	SARIFVersion = "2.1.0"
	// MaxSARIFResults is the most results one run holds: GitHub code
	// scanning's limit per run.
	MaxSARIFResults = 25000
	// InformationURI is figlint's home page.
	InformationURI = "https://github.com/figlint/figlint"
	// RulesDocURI is the rule reference; a rule's help is at its anchor.
	RulesDocURI = InformationURI + "/blob/main/docs/rules.md"
	// srcRoot is the uriBaseId of repository-relative URIs.
	srcRoot = "%SRCROOT%"
)

// SARIF writes one SARIF 2.1.0 log with one run. It holds the results
// until End, to write the most severe first and at most MaxSARIFResults
// of them (the less severe ones beyond the limit are dropped as they come,
// so memory stays bounded); a notification says how many were left out.
type SARIF struct {
	w     io.Writer
	close func() error // closes the file that w writes, if SARIF opened it
	opts  Options
	dir   string // working directory, absolute
	root  string // repository root, absolute
	limit int

	// buckets hold the kept results by priority: reported errors,
	// warnings and notes, then suppressed ones in the same order.
	buckets [6][]sarifPending
	kept    int
	omitted [6]int
	errs    []string // internal errors, as notifications
	unknown map[string]rules.Severity
}

// NewSARIF returns a SARIF reporter; opts.Registry must be set.
func NewSARIF(w io.Writer, opts Options) (*SARIF, error) {
	if opts.Registry == nil {
		return nil, errors.New("report: the sarif format needs the rule registry (Options.Registry)")
	}
	dir := opts.Dir
	if dir == "" {
		dir = "."
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("report: sarif: %w", err)
	}
	return &SARIF{w: w, opts: opts, dir: dir, root: RepoRoot(dir), limit: MaxSARIFResults,
		unknown: map[string]rules.Severity{}}, nil
}

// OpenSARIFFile creates (or truncates) the file at path and returns a
// reporter that writes SARIF to it and closes it at End, for
// --sarif-file beside another format (combine them with Multi).
func OpenSARIFFile(path string, opts Options) (*SARIF, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cannot create the SARIF file: %w", err)
	}
	s, err := NewSARIF(f, opts)
	if err != nil {
		_ = f.Close() // nothing was written
		return nil, err
	}
	s.close = f.Close
	return s, nil
}

// RepoRoot returns the repository root around dir: the nearest directory,
// dir or above, that holds a .git entry (a directory, or a file in
// worktrees and submodules); dir itself when there is none.
func RepoRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	Invocations        []sarifInvocation           `json:"invocations"`
	AutomationDetails  *sarifAutomation            `json:"automationDetails,omitempty"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds"`
	ColumnKind         string                      `json:"columnKind"`
	Results            []sarifResult               `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      sarifText       `json:"fullDescription"`
	Help                 sarifText       `json:"help"`
	HelpURI              string          `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	Properties           sarifRuleProps  `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags      []string `json:"tags"`
	Precision string   `json:"precision"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

type sarifAutomation struct {
	ID string `json:"id"`
}

type sarifArtifactLoc struct {
	URI       string     `json:"uri"`
	URIBaseID string     `json:"uriBaseId,omitempty"`
	Desc      *sarifText `json:"description,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	RelatedLocations    []sarifRelatedLoc  `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Fixes               []sarifFix         `json:"fixes,omitempty"`
}

// sarifFix is a result's fix (SARIF 3.55): the changes to one or more
// files, each a list of replacements.
type sarifFix struct {
	Description     sarifText           `json:"description"`
	ArtifactChanges []sarifArtifactEdit `json:"artifactChanges"`
}

type sarifArtifactEdit struct {
	ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

// sarifReplacement deletes a region and inserts text in its place. The
// region says its span both as lines and columns (code points, as the
// run's columnKind) and as bytes, which SARIF allows when they agree.
type sarifReplacement struct {
	DeletedRegion   sarifEditRegion `json:"deletedRegion"`
	InsertedContent *sarifContent   `json:"insertedContent,omitempty"`
}

type sarifEditRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
	ByteOffset  int `json:"byteOffset"`
	ByteLength  int `json:"byteLength"`
}

type sarifContent struct {
	Text string `json:"text"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

// sarifRelatedLoc is one of a result's relatedLocations: the other places
// of the finding's cause. Its id, unique within the result, is what a
// result message would link to ("[text](id)").
type sarifRelatedLoc struct {
	ID               int           `json:"id"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// sarifPending is a result waiting for End, kept small: results of one
// file share their location, and the JSON is built as it is written.
type sarifPending struct {
	rule    string
	loc     *sarifArtifactLoc
	rng     rules.Range
	message string
	hash    string
	sup     *sarifSuppression
	sev     rules.Severity
	related []sarifPendingRelated
	fixes   []sarifFix
}

// sarifPendingRelated is a related location waiting for End; it shares
// its file's location with the results of that file.
type sarifPendingRelated struct {
	loc     *sarifArtifactLoc
	rng     rules.Range
	message string
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

// Begin implements Reporter.
func (s *SARIF) Begin() error { return nil }

// File implements Reporter.
func (s *SARIF) File(r engine.Result) error {
	hashes := s.lineHashes(r)
	locs := map[string]*sarifArtifactLoc{}
	for _, f := range r.Findings {
		s.add(f, nil, hashes, locs)
	}
	if s.opts.IncludeSuppressed {
		for i := range r.Suppressed {
			s.add(r.Suppressed[i].Finding, &r.Suppressed[i], hashes, locs)
		}
	}
	if r.Err != nil {
		msg, _, _ := strings.Cut(r.Err.Error(), "\n") // leave the stack trace to stderr
		s.errs = append(s.errs, msg)
	}
	return nil
}

// lineKey names a line of a file.
type lineKey struct {
	path string
	line int
}

// lineHashes computes the primaryLocationLineHash of every line that the
// result's findings start on. The page's own text is at hand; other files
// (companion tables, the pages of a collection-level finding) are read.
func (s *SARIF) lineHashes(r engine.Result) map[lineKey]string {
	want := map[string]map[int]bool{}
	note := func(f rules.Finding) {
		if f.Range.Start.Line < 1 {
			return
		}
		if want[f.Path] == nil {
			want[f.Path] = map[int]bool{}
		}
		want[f.Path][f.Range.Start.Line] = true
	}
	for _, f := range r.Findings {
		note(f)
	}
	if s.opts.IncludeSuppressed {
		for _, f := range r.Suppressed {
			note(f.Finding)
		}
	}
	out := map[lineKey]string{}
	for path, lines := range want {
		var src []byte
		if path == r.File.Display && !r.Collection {
			if r.Source == nil {
				continue // the engine could not read it: neither can we
			}
			src = r.Source.Bytes()
		} else if src = s.readForHash(path); src == nil {
			continue
		}
		lineHashes(src, func(line int, hash uint64, count int) {
			if lines[line] {
				out[lineKey{path, line}] = formatLineHash(hash, count)
			}
		})
	}
	return out
}

// maxHashedFile bounds the size of a file read only to fingerprint it.
const maxHashedFile = 64 << 20

// readForHash reads a regular file for fingerprinting, or returns nil.
func (s *SARIF) readForHash(path string) []byte {
	p := filepath.FromSlash(path)
	if !filepath.IsAbs(p) {
		p = filepath.Join(s.dir, p)
	}
	// Stat first: opening a FIFO would block.
	info, err := os.Stat(p)
	if err != nil || !info.Mode().IsRegular() || info.Size() > maxHashedFile {
		return nil
	}
	data, err := safeio.ReadFile(p, maxHashedFile) // checked again: the file may have changed
	if err != nil {
		return nil
	}
	return data
}

// severityRank orders severities from the most severe (0) down; an
// unknown severity ranks as a warning.
func severityRank(sev rules.Severity) int {
	switch sev {
	case rules.SeverityError:
		return 0
	case rules.SeverityNote:
		return 2
	}
	return 1
}

// level is a severity's SARIF level.
func level(sev rules.Severity) string {
	return [...]string{"error", "warning", "note"}[severityRank(sev)]
}

func (s *SARIF) add(f rules.Finding, sup *engine.Suppressed, hashes map[lineKey]string, locs map[string]*sarifArtifactLoc) {
	if _, ok := s.opts.Registry.Meta(f.Rule); !ok {
		if _, seen := s.unknown[f.Rule]; !seen {
			s.unknown[f.Rule] = f.Severity
		}
	}
	loc := locs[f.Path]
	if loc == nil {
		loc = s.artifact(f.Path)
		locs[f.Path] = loc
	}
	res := sarifPending{rule: f.Rule, loc: loc, rng: f.Range, message: f.Message, sev: f.Severity,
		hash: hashes[lineKey{f.Path, f.Range.Start.Line}]}
	if len(f.Related) > 0 {
		res.related = make([]sarifPendingRelated, len(f.Related))
		for i, r := range f.Related {
			rl := locs[r.Path]
			if rl == nil {
				// Made as the main location is: the same URI and base
				// for a file, whichever of the two names it first.
				rl = s.artifact(r.Path)
				locs[r.Path] = rl
			}
			res.related[i] = sarifPendingRelated{loc: rl, rng: r.Range, message: r.Message}
		}
	}
	res.fixes = s.fixesOf(f.Fixes, locs)
	prio := severityRank(f.Severity)
	if sup != nil {
		res.sup = &sarifSuppression{Kind: sup.Kind, Justification: sup.Justification}
		if res.sup.Kind == "" {
			res.sup.Kind = "external"
		}
		prio += 3
	}
	s.buckets[prio] = append(s.buckets[prio], res)
	s.kept++
	if s.kept <= s.limit {
		return
	}
	// Over the limit: drop the last result of the lowest priority, which
	// is the new one when nothing kept ranks below it.
	for p := len(s.buckets) - 1; p >= 0; p-- {
		if n := len(s.buckets[p]); n > 0 {
			s.buckets[p][n-1] = sarifPending{}
			s.buckets[p] = s.buckets[p][:n-1]
			s.omitted[p]++
			s.kept--
			return
		}
	}
}

// artifact locates a file: a URI relative to the repository root
// (uriBaseId %SRCROOT%), or an absolute file URI for a file outside it.
func (s *SARIF) artifact(path string) *sarifArtifactLoc {
	p, inside := repoRelative(path, s.dir, s.root)
	if !inside {
		return &sarifArtifactLoc{URI: fileURI(p, false)}
	}
	return &sarifArtifactLoc{URI: encodeURIPath(p), URIBaseID: srcRoot}
}

// result builds a pending result's SARIF object.
func (p *sarifPending) result(ruleIndex int) sarifResult {
	res := sarifResult{
		RuleID:    p.rule,
		RuleIndex: ruleIndex,
		Level:     level(p.sev),
		Message:   sarifText{Text: p.message},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: *p.loc, Region: region(p.rng)}}},
	}
	for i, r := range p.related {
		rl := sarifRelatedLoc{ID: i + 1, // 1-based, as CodeQL numbers them
			PhysicalLocation: sarifPhysical{ArtifactLocation: *r.loc, Region: region(r.rng)}}
		if r.message != "" { // a message object needs its text
			rl.Message = &sarifText{Text: r.message}
		}
		res.RelatedLocations = append(res.RelatedLocations, rl)
	}
	if p.hash != "" {
		res.PartialFingerprints = map[string]string{"primaryLocationLineHash": p.hash}
	}
	if p.sup != nil {
		res.Suppressions = []sarifSuppression{*p.sup}
	}
	res.Fixes = p.fixes
	return res
}

// fixesOf converts a finding's fixes, the edits of each grouped by file in
// the order the files first appear. A fix without edits is left out.
func (s *SARIF) fixesOf(fs []rules.Fix, locs map[string]*sarifArtifactLoc) []sarifFix {
	var out []sarifFix
	for _, fx := range fs {
		if len(fx.Edits) == 0 {
			continue
		}
		sf := sarifFix{Description: sarifText{Text: fx.Message}}
		at := map[string]int{}
		for _, ed := range fx.Edits {
			i, ok := at[ed.Path]
			if !ok {
				loc := locs[ed.Path]
				if loc == nil {
					loc = s.artifact(ed.Path)
					locs[ed.Path] = loc
				}
				i = len(sf.ArtifactChanges)
				at[ed.Path] = i
				sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactEdit{ArtifactLocation: *loc})
			}
			rep := sarifReplacement{DeletedRegion: sarifEditRegion{
				StartLine: ed.Range.Start.Line, StartColumn: ed.Range.Start.Column,
				EndLine: ed.Range.End.Line, EndColumn: ed.Range.End.Column,
				ByteOffset: ed.Start, ByteLength: ed.End - ed.Start}}
			if ed.NewText != "" {
				rep.InsertedContent = &sarifContent{Text: ed.NewText}
			}
			sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, rep)
		}
		out = append(out, sf)
	}
	return out
}

// region is a finding's range as a SARIF region; nil when it has no line
// (the finding concerns the whole file).
func region(r rules.Range) *sarifRegion {
	st := r.Start
	if st.Line < 1 {
		return nil
	}
	st.Column = max(st.Column, 1)
	end := r.End
	if end.Line < 1 || end.Less(st) {
		end = st
	}
	end.Column = max(end.Column, 1)
	return &sarifRegion{StartLine: st.Line, StartColumn: st.Column, EndLine: end.Line, EndColumn: end.Column}
}

// repoRelative turns a finding's path (relative to dir, or absolute) into
// a /-separated path relative to root; for a file outside root it returns
// the absolute path and false.
func repoRelative(path, dir, root string) (string, bool) {
	abs := filepath.FromSlash(path)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(dir, abs)
	}
	abs = filepath.Clean(abs)
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs, false
	}
	return filepath.ToSlash(rel), true
}

// encodeURIPath percent-encodes a /-separated path as an RFC 3986 path:
// every byte but the unreserved characters and "/" is encoded, so that
// spaces, "%", "#", "?", ":" and non-ASCII names survive every reader.
func encodeURIPath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// fileURI is the file: URI of an absolute path; dir adds the final "/"
// that a base URI needs.
func fileURI(abs string, dir bool) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	if dir && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return "file://" + encodeURIPath(p)
}

// End implements Reporter: it writes the log.
func (s *SARIF) End(Summary) error {
	metas := s.opts.Registry.Metas()
	for id, sev := range s.unknown {
		// Not in the registry (a rule added outside it): describe it by
		// its ID so the log still names every rule it uses.
		metas = append(metas, rules.Meta{ID: id, Severity: sev, Summary: "findings of rule " + id,
			Doc: "Rule " + id + " is not in figlint's registry.", Precision: rules.PrecisionHigh, Tags: []string{"front-matter"}})
	}
	slices.SortFunc(metas, func(a, b rules.Meta) int { return strings.Compare(a.ID, b.ID) })
	index := make(map[string]int, len(metas))
	descriptors := make([]sarifRule, len(metas))
	for i, m := range metas {
		index[m.ID] = i
		descriptors[i] = sarifDescriptor(m)
	}
	inv := sarifInvocation{ExecutionSuccessful: len(s.errs) == 0}
	for _, e := range s.errs {
		inv.Notifications = append(inv.Notifications, sarifNotification{Level: "error", Message: sarifText{Text: e}})
	}
	if n := s.omittedText(); n != "" {
		inv.Notifications = append(inv.Notifications, sarifNotification{Level: "warning", Message: sarifText{Text: n}})
	}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{Name: "figlint", Version: s.opts.Version,
			InformationURI: InformationURI, Rules: descriptors}},
		Invocations: []sarifInvocation{inv},
		OriginalURIBaseIDs: map[string]sarifArtifactLoc{srcRoot: {URI: fileURI(s.root, true),
			Desc: &sarifText{Text: "The root of the repository (the directory that holds .git)."}}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	if c := s.opts.Category; c != "" {
		// As github/codeql-action/upload-sarif does with its category
		// input: the id ends with "/", so all of it names the category.
		if !strings.HasSuffix(c, "/") {
			c += "/"
		}
		run.AutomationDetails = &sarifAutomation{ID: c}
	}
	err := s.write(sarifLog{Schema: SARIFSchema, Version: SARIFVersion, Runs: []sarifRun{run}}, index)
	if s.close != nil {
		if cerr := s.close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("report: sarif: %w", err)
	}
	return nil
}

// write writes the log, streaming the results into its empty results
// array (the run's last field) one by one rather than building the whole
// document in memory.
func (s *SARIF) write(log sarifLog, index map[string]int) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return err
	}
	head := buf.String()
	const empty = `"results": []`
	at := strings.LastIndex(head, empty)
	if at < 0 || s.kept == 0 {
		_, err := io.WriteString(s.w, head)
		return err
	}
	bw := bufio.NewWriter(s.w)
	bw.WriteString(head[:at] + `"results": [`)
	const indent = "        " // results are at depth 4
	enc.SetIndent(indent, "  ")
	sep := "\n" + indent
	for _, b := range s.buckets {
		for i := range b {
			buf.Reset()
			if err := enc.Encode(b[i].result(index[b[i].rule])); err != nil {
				return err
			}
			bw.WriteString(sep)
			bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
			sep = ",\n" + indent
		}
	}
	bw.WriteString("\n" + indent[:len(indent)-2] + "]" + head[at+len(empty):])
	return bw.Flush()
}

// omittedText says how many results the limit left out, or "".
func (s *SARIF) omittedText() string {
	total := 0
	var parts []string
	names := [...]string{"error", "warning", "note", "suppressed error", "suppressed warning", "suppressed note"}
	for p, n := range s.omitted {
		if n == 0 {
			continue
		}
		total += n
		name := names[p]
		if n != 1 {
			name += "s"
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, name))
	}
	if total == 0 {
		return ""
	}
	return fmt.Sprintf("%d results were left out (%s): a run holds at most %d results, so the %d most severe are written",
		total, strings.Join(parts, ", "), s.limit, s.kept)
}

// sarifDescriptor builds a rule's reportingDescriptor from its metadata.
func sarifDescriptor(m rules.Meta) sarifRule {
	return sarifRule{
		ID:                   m.ID,
		Name:                 ruleName(m.ID),
		ShortDescription:     sarifText{Text: m.Summary},
		FullDescription:      sarifText{Text: firstParagraph(m.Doc), Markdown: m.Doc},
		Help:                 sarifText{Text: helpText(m), Markdown: helpMarkdown(m)},
		HelpURI:              RulesDocURI + "#" + ruleAnchor(m.ID),
		DefaultConfiguration: sarifRuleConfig{Level: level(m.Severity)},
		Properties:           sarifRuleProps{Tags: m.Tags, Precision: string(m.Precision)},
	}
}

// ruleName is the rule ID in PascalCase, SARIF's readable rule name:
// "doi-format" is DoiFormat, "schema/type" SchemaType. A one-word ID gets
// "Rule" after it, since a name that equals the ID but for case is one
// that SARIF asks to leave out: "schema" is SchemaRule.
func ruleName(id string) string {
	name := pascal(id)
	if strings.EqualFold(name, id) {
		name += "Rule"
	}
	return name
}

func pascal(id string) string {
	var b strings.Builder
	upper := true
	for _, r := range id {
		if r == '-' || r == '/' {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// RuleDocURI is the address of a rule's section of the rule reference.
func RuleDocURI(id string) string { return RulesDocURI + "#" + ruleAnchor(id) }

// ruleAnchor is the GitHub heading anchor of a rule in docs/rules.md.
func ruleAnchor(id string) string {
	return strings.ToLower(strings.ReplaceAll(id, "/", ""))
}

// firstParagraph is a Markdown document's first paragraph on one line.
func firstParagraph(doc string) string {
	p, _, _ := strings.Cut(strings.TrimSpace(doc), "\n\n")
	return strings.Join(strings.Fields(p), " ")
}

// helpText is a rule's documentation as plain text, with its examples.
func helpText(m rules.Meta) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(m.Doc))
	example := func(title, yaml string) {
		if yaml == "" {
			return
		}
		fmt.Fprintf(&b, "\n\n%s:\n", title)
		for _, l := range strings.Split(strings.TrimRight(yaml, "\n"), "\n") {
			b.WriteString("\n    " + l)
		}
	}
	example("Reported", m.Bad)
	example("Fixed", m.Good)
	return b.String()
}

// helpMarkdown is a rule's documentation as in docs/rules.md.
func helpMarkdown(m rules.Meta) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(m.Doc))
	if m.Bad != "" {
		fmt.Fprintf(&b, "\n\nReported:\n\n```yaml\n%s\n```", strings.TrimRight(m.Bad, "\n"))
	}
	if m.Good != "" {
		fmt.Fprintf(&b, "\n\nCorrected:\n\n```yaml\n%s\n```", strings.TrimRight(m.Good, "\n"))
	}
	return b.String()
}
