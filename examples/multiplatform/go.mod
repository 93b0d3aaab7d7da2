module example.com/multiplatform

go 1.26
