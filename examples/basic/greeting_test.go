package greeting

import "testing"

func TestGreet(t *testing.T) {
	for name, want := range map[string]string{"": "Hello, world!", "Gopher": "Hello, Gopher!"} {
		if got := New().Greet(name); got != want {
			t.Errorf("Greet(%q) = %q, want %q", name, got, want)
		}
	}
}
