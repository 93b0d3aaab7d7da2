package p

type impl struct{ Title string }

func New() *impl { return &impl{} }
