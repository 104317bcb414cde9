// Command sarifcheck checks a SARIF file that figlint wrote, for the CI
// scripts: one run, the expected number of results, the category, the tool
// version, repository-relative URIs under a prefix, rule indexes that match
// rule IDs and a fingerprint on every result; with -schema, it also
// validates the file against the SARIF 2.1.0 JSON Schema.
//
// Usage:
//
//	sarifcheck [-results N] [-category ID] [-version V] [-uri-prefix P] [-schema FILE] file.sarif
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

type log struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Version string `json:"version"`
				Rules   []struct {
					ID string `json:"id"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		AutomationDetails *struct {
			ID string `json:"id"`
		} `json:"automationDetails"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Suppressions        []any             `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

type options struct {
	results                      int
	category, version, uriPrefix string
	schema                       string
}

// check returns the problems found in the SARIF text data.
func check(data []byte, o options) ([]string, error) {
	var l log
	if err := json.Unmarshal(data, &l); err != nil {
		return nil, fmt.Errorf("sarifcheck: not JSON: %w", err)
	}
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if len(l.Runs) != 1 {
		add("%d runs; expected one", len(l.Runs))
		return problems, nil
	}
	run := l.Runs[0]
	reported := 0
	for i, r := range run.Results {
		if len(r.Suppressions) == 0 {
			reported++
		}
		if r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			add("result %d: ruleIndex %d does not name rule %q", i, r.RuleIndex, r.RuleID)
		}
		if len(r.Locations) != 1 {
			add("result %d: %d locations; expected one", i, len(r.Locations))
			continue
		}
		loc := r.Locations[0].PhysicalLocation.ArtifactLocation
		if loc.URIBaseID != "%SRCROOT%" || !strings.HasPrefix(loc.URI, o.uriPrefix) {
			add("result %d: uri %q (base %q); expected %s... relative to %%SRCROOT%%", i, loc.URI, loc.URIBaseID, o.uriPrefix)
		}
		if r.PartialFingerprints["primaryLocationLineHash"] == "" {
			add("result %d: no primaryLocationLineHash", i)
		}
	}
	if o.results >= 0 && reported != o.results {
		add("%d reported results; expected %d", reported, o.results)
	}
	if o.category != "" && (run.AutomationDetails == nil || run.AutomationDetails.ID != o.category) {
		add("automationDetails %+v; expected id %q", run.AutomationDetails, o.category)
	}
	if o.version != "" && run.Tool.Driver.Version != o.version {
		add("tool.driver.version %q; expected %q", run.Tool.Driver.Version, o.version)
	}
	if o.schema != "" {
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft4)
		c.AssertFormat()
		sch, err := c.Compile(o.schema)
		if err != nil {
			return nil, fmt.Errorf("sarifcheck: schema: %w", err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("sarifcheck: %w", err)
		}
		if err := sch.Validate(inst); err != nil {
			add("does not match the SARIF schema: %v", err)
		}
	}
	return problems, nil
}

func main() {
	var o options
	flag.IntVar(&o.results, "results", -1, "expected number of results that are not suppressed (-1: any)")
	flag.StringVar(&o.category, "category", "", "expected automationDetails.id")
	flag.StringVar(&o.version, "version", "", "expected tool.driver.version")
	flag.StringVar(&o.uriPrefix, "uri-prefix", "", "prefix of every result's repository-relative URI")
	flag.StringVar(&o.schema, "schema", "", "SARIF 2.1.0 JSON Schema file to validate against")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: sarifcheck [flags] file.sarif")
		os.Exit(2)
	}
	data, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "sarifcheck:", err)
		os.Exit(2)
	}
	problems, err := check(data, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for _, p := range problems {
		fmt.Fprintf(os.Stderr, "sarifcheck: %s: %s\n", flag.Arg(0), p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
	fmt.Printf("sarifcheck: %s is as expected\n", flag.Arg(0))
}
