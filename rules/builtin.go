package rules

// Builtin returns the built-in rules. The schema rule lives in package
// schema and is added by the command; the keyword rules use the built-in
// human lexicon, and the command swaps in more with --lexicon.
func Builtin() []Rule {
	return append([]Rule{
		FrontMatter,
		YAMLSyntax,
		DuplicateKey,
		NonStringKey,
		GenesTable,
		DuplicateAlias,
		JournalConsistency,
		DOIFormat,
		PublicationYear,
		MissingValue,
		OrganismName,
		OrganismsNERMismatch,
		OrganismPlausibility,
		FigureIdentity,
		CaptionDescription,
		TitleQuality,
		TextHygiene,
		PaperKeywords,
		KeywordChemical,
		UnusedSuppression,
		SuppressionReason,
	}, KeywordRules(nil)...)
}
