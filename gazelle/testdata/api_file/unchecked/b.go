package unchecked

func B() {}
