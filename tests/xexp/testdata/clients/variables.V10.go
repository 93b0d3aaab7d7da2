// A client of variables.V10: compiles against the old version and not against the new.
package main

import p "example.com/xexp/variables"

type m struct{}

func (m) M() {}

func init() { p.V10 = m{} }

func main() {}
