package p

func C() chan int { return make(chan int, 1) }
