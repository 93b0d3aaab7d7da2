// Package consts covers every kind of constant cmd/api prints.
package consts

type Level int8

type Name string

const (
	Untyped    = 42
	Negative   = -1
	BigInt     = 1 << 100
	MaxUint64  = 1<<64 - 1
	Rune       = 'x'
	Bool       = true
	Str        = "tab\there \"quoted\""
	Float      = 1.5
	Pi         = 3.14159265358979323846264338327950288419716939937510582097494459
	Third      = 1.0 / 3
	Whole      = 2.0
	Complex    = 1 + 2i
	Long       = "0123456789012345678901234567890123456789012345678901234567890123456789012345"
	unexported = 1
)

const (
	Low Level = iota
	High
)

const Typed Name = "n"

const Int64 int64 = 1 << 40
