// A client of functions.F6: compiles against the old version and not against the new.
package main

import p "example.com/xexp/functions"

// F6 became variadic: calls still compile, its function type changed.
var f func(int) = p.F6

func main() {}
