// A client of method_sets.SM: compiles against the old version and not against the new.
package main

import p "example.com/xexp/method_sets"

// SM lost its method V2.
var _ = p.SM.V2

func main() {}
