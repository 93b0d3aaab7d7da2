package worker

import (
	"bufio"
	"bytes"
	"slices"
	"testing"
)

// FuzzReadRequest checks that reading any byte stream as work requests never
// panics, and that a request read is written and read back unchanged.
func FuzzReadRequest(f *testing.F) {
	f.Add([]byte{7, 0x0a, 1, 'a', 0x0a, 2, '-', 'o'})
	f.Add([]byte{3, 0x18, 0xac, 0x02})
	f.Add([]byte{18, 0x12, 6, 0x0a, 1, 'p', 0x12, 1, 0x01, 0x18, 7, 0x28, 10, 0x32, 1, 's', 0x0a, 1, 'x'})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bufio.NewReader(bytes.NewReader(data))
		for {
			req, err := ReadRequest(r)
			if err != nil {
				return
			}
			var buf bytes.Buffer
			if err := WriteRequest(&buf, req); err != nil {
				t.Fatal(err)
			}
			again, err := ReadRequest(bufio.NewReader(&buf))
			if err != nil || again.ID != req.ID || !slices.Equal(again.Arguments, req.Arguments) {
				t.Fatalf("round trip: %+v, %v; want %+v", again, err, req)
			}
		}
	})
}
