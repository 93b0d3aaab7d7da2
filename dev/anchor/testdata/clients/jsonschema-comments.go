// v0.12.0 → v0.13.0: ExtractGoComments was removed; AddGoComments became variadic.
package main

import "github.com/invopop/jsonschema"

func main() {
	_ = jsonschema.ExtractGoComments("", "", nil)
	var add func(base, path string) error = new(jsonschema.Reflector).AddGoComments
	_ = add
}
