package p

type Key interface{}

func Keys[K Key](m map[string]K) []K { return nil }
