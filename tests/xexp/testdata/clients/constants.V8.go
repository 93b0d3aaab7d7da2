// A client of constants.V8: compiles against the old version and not against the new.
package main

import p "example.com/xexp/constants"

// V8 was a variable; now a constant.
func init() { p.V8 = 2 }

func main() {}
