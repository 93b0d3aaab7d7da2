// A client of aliases.C: compiles against the old version and not against the new.
package main

import p "example.com/xexp/aliases"

// C was a distinct type; now it is int: the type switch has a duplicate case.
func kind(x any) string {
	switch x.(type) {
	case p.C:
		return "C"
	case int:
		return "int"
	}
	return ""
}

func main() {}
