// A client of structs.S6: compiles against the old version and not against the new.
package main

import p "example.com/xexp/structs"

// A is no longer a field of S6 itself but promoted from the embedded S5: no longer a key.
var s = p.S6{A: 1}

func main() {}
