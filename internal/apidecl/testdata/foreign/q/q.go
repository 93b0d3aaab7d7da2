package q

type u struct{ X int }

func New() u { return u{} }

func Lit() struct{ x int } { return struct{ x int }{} }

func Iface() interface{ m() } { return nil }

type g[T any] struct{ v T }

func NewG[T any]() g[T] { return g[T]{} }
