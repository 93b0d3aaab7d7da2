// A client of basics.BadMerge2: compiles against the old version and not against the new.
package main

import p "example.com/xexp/basics"

// BadMerge2 named a type with a method M; the type it names now has none.
var _ = p.BadMerge2.M

func main() {}
