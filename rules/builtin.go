package rules

// Builtin returns the built-in rules that need nothing but the document.
// The schema rule lives in package schema and is added by the command.
func Builtin() []Rule {
	return []Rule{
		FrontMatter,
		YAMLSyntax,
		DuplicateKey,
		NonStringKey,
		GenesTable,
		DuplicateAlias,
		DOIFormat,
		PublicationYear,
		MissingValue,
		OrganismName,
		OrganismsNERMismatch,
		FigureIdentity,
		CaptionDescription,
		TitleQuality,
		TextHygiene,
		PaperKeywords,
		UnusedSuppression,
		SuppressionReason,
	}
}
