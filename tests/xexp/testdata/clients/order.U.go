// A client of order.U: compiles against the old version and not against the new.
package main

import p "example.com/xexp/order"

// U was an alias of T; now a distinct type.
var t p.T = p.U(0)

func main() {}
