package report

import (
	"encoding/base64"
	"unicode/utf8"
)

// pathBytes is the JSON pathBytes of a path: the standard base64 (RFC 4648,
// with padding) of the path's raw bytes when they are not valid UTF-8, and
// "" (the key left out) otherwise. A JSON string can only hold Unicode, so
// encoding/json replaces each invalid byte of such a name with U+FFFD and
// the name shown in "path" no longer names the file; pathBytes gives the
// file back. Added within JSON version 1.
func pathBytes(p string) string {
	if utf8.ValidString(p) {
		return ""
	}
	return base64.StdEncoding.EncodeToString([]byte(p))
}
