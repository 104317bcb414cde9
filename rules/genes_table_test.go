package rules_test

import (
	"testing"

	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/rules"
)

func TestGenesTableFixtures(t *testing.T) {
	eng := ruletest.Engine(t, rules.GenesTable)
	ruletest.Run(t, eng, "../fixtures/rules/genes-table")
	ruletest.Run(t, eng, "../fixtures/ok")
}
