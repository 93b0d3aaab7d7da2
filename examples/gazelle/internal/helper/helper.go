// Package helper is internal: it has no public API and gets no check.
package helper

// Join concatenates strings.
func Join(a, b string) string { return a + b }
