// Package paths has an API that differs between operating systems, the way os and syscall do.
package paths

// Join joins path elements with Separator.
func Join(elem ...string) string {
	s := ""
	for i, e := range elem {
		if i > 0 {
			s += string(Separator)
		}
		s += e
	}
	return s
}
