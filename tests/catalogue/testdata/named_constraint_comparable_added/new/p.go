package p

type Key interface{ comparable }

func Keys[K Key](m map[string]K) []K { return nil }
