// A client of types.Ch4: compiles against the old version and not against the new.
package main

import p "example.com/xexp/types"

// Ch4 was a receive-only channel type; now bidirectional.
var c p.Ch4
var q = (*<-chan int)(&c)

func main() {}
