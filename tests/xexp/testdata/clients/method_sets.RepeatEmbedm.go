// A client of method_sets.RepeatEmbedm: compiles against the old version and not against the new.
package main

import p "example.com/xexp/method_sets"

// The field A promoted from Embedm changed type.
var r p.RepeatEmbedm

func init() { r.A = 1 }

func main() {}
