// A client of generics.V1: compiles against the old version and not against the new.
package main

import p "example.com/xexp/generics"

func init() { p.V1 = append(p.V1, 1) }

func main() {}
