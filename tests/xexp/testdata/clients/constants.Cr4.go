// A client of constants.Cr4: compiles against the old version and not against the new.
package main

import p "example.com/xexp/constants"

// Cr4 was (0 + 4.1i); now (4.1 + 0i): a division by its imaginary part.
const c = 1 / imag(p.Cr4)

func main() {}
