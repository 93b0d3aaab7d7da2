// A client of basics.GoodMerge1: compiles against the old version and not against the new.
package main

import p "example.com/xexp/basics"

// GoodMerge1 and GoodMerge2 named two types; now they name the same one.
func kind(x any) int {
	switch x.(type) {
	case p.GoodMerge1:
		return 1
	case p.GoodMerge2:
		return 2
	}
	return 0
}

func main() {}
