// Package greet is public and has an api.txt, so Gazelle generates its api_check.
package greet

import "example.com/gz/internal/helper"

// Hello greets name.
func Hello(name string) string { return helper.Join("Hello, ", name) }
