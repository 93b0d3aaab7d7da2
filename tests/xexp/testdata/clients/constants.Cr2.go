// A client of constants.Cr2: compiles against the old version and not against the new.
package main

import p "example.com/xexp/constants"

// Cr2 was "2"; now "3": a duplicate case.
func f(s string) int {
	switch s {
	case p.Cr2:
		return 1
	case "3":
		return 2
	}
	return 0
}

func main() {}
