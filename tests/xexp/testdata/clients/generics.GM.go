// A client of generics.GM: compiles against the old version and not against the new.
package main

import p "example.com/xexp/generics"

// GM[A, B] was map[A]B; now map[B]A.
var m = p.GM[string, int]{"a": 1}

func main() {}
