// A client of generics.V3: compiles against the old version and not against the new.
package main

import p "example.com/xexp/generics"

// V3 is an H of an unexported type that was int, now byte.
func init() { p.V3 = append(p.V3, 300) }

func main() {}
