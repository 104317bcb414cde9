package rules_test

import (
	"testing"

	"github.com/figlint/figlint/internal/ruletest"
)

func TestKeywordNoiseFixtures(t *testing.T) {
	ruletest.RunRule(t, keywordRegistry(t, nil), "../fixtures/rules/keyword-noise/_figures", "keyword-noise")
}
