package main

import (
	"fmt"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/clients"
)

// classesSource names the table docs/verdict.md's class table is generated from.
const classesSource = "internal/clients/classes.go"

// verdictDoc returns docs/verdict.md with its table of the classes the compiler decides, one row
// per entry of internal/clients.Classes.
func verdictDoc(root string) ([]byte, error) {
	var b strings.Builder
	b.WriteString("| class | verdict | what the client shows |\n|---|---|---|\n")
	for _, c := range clients.Classes {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c.Name, c.Verdict, c.Why)
	}
	return replaceBlocks(root, "docs/verdict.md", "%s", map[string]string{classesSource: b.String()})
}
