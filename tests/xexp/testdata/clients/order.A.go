// A client of order.A: compiles against the old version and not against the new.
package main

import p "example.com/xexp/order"

// A was an alias of B; now a distinct type.
var b p.B = p.A(0)

func main() {}
