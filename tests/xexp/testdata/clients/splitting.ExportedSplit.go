// A client of splitting.ExportedSplit: compiles against the old version and not against the new.
package main

import p "example.com/xexp/splitting"

// F1 and F2 had one type; now two.
var e p.ExportedSplit

func init() { e.F1 = e.F2 }

func main() {}
