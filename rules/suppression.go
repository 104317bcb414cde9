package rules

// UnusedSuppression reports figlint-ignore comments that hide nothing.
var UnusedSuppression = Rule{
	Meta: Meta{
		ID:       "unused-suppression",
		Severity: SeverityNote,
		Since:    "0.1.0",
		Summary:  "a figlint-ignore comment must suppress a finding",
		Doc: "A finding can be suppressed with a YAML comment in the front matter: " +
			"`# figlint-ignore RULE[,RULE] -- reason` at the end of the finding's line, " +
			"`# figlint-ignore-next-line RULE -- reason` on the line above it, or " +
			"`# figlint-ignore-file RULE -- reason` anywhere in the block for the whole page. " +
			"RULE may be a pattern such as `schema/*`. A suppressed finding is not reported (SARIF " +
			"can list it as suppressed), and the page is not failed for it. A comment that " +
			"suppresses nothing (the problem was fixed, or the rule ID is wrong) is reported " +
			"here, so that stale suppressions do not pile up. Rules that are disabled in the run " +
			"do not count as unused.",
		Bad:  "ndex: '' # figlint-ignore missing-value -- nothing to report here\n",
		Good: "ndex: ''\n",
	},
	Driver: true,
}

// SuppressionReason reports figlint-ignore comments that give no reason.
var SuppressionReason = Rule{
	Meta: Meta{
		ID:       "suppression-reason",
		Severity: SeverityNote,
		Since:    "0.1.0",
		Summary:  "a figlint-ignore comment should say why",
		Doc: "A suppression should say why the finding does not apply, after ` -- `, so that " +
			"the next curator does not have to guess.",
		Bad:  "year: '1999' # figlint-ignore publication-year\n",
		Good: "year: '1999' # figlint-ignore publication-year -- reftext gives the print year, the page the online year\n",
	},
	Driver: true,
}
