package rules_test

import (
	"testing"

	"github.com/figlint/figlint/internal/ruletest"
)

func TestKeywordDuplicateFixtures(t *testing.T) {
	ruletest.RunRule(t, keywordRegistry(t, nil), "../fixtures/rules/keyword-duplicate/_figures", "keyword-duplicate")
}
