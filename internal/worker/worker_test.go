package worker

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"testing"
)

// The byte strings below are written by hand from worker_protocol.proto:
// a field key is (number << 3 | wire type), strings and messages are
// length-prefixed, and every message is preceded by its length.

func TestDecodeRequest(t *testing.T) {
	tests := []struct {
		name string
		msg  []byte
		want Request
	}{
		{"empty", nil, Request{}},
		{"arguments", []byte{0x0a, 1, 'a', 0x0a, 2, '-', 'o'}, Request{Arguments: []string{"a", "-o"}}},
		{"empty argument", []byte{0x0a, 0}, Request{Arguments: []string{""}}},
		{
			// inputs (2) is a message {path: "p", digest: "\x01"}, request_id (3) is 7,
			// verbosity (5) is 10 and sandbox_dir (6) is "s": all but the ID are skipped.
			"other fields",
			[]byte{0x12, 6, 0x0a, 1, 'p', 0x12, 1, 0x01, 0x18, 7, 0x28, 10, 0x32, 1, 's', 0x0a, 1, 'x'},
			Request{Arguments: []string{"x"}, ID: 7},
		},
		{"cancel", []byte{0x20, 1}, Request{}},
		{"fixed-width fields from a newer protocol", []byte{0x39, 1, 2, 3, 4, 5, 6, 7, 8, 0x45, 1, 2, 3, 4}, Request{}},
		{"multi-byte ID", []byte{0x18, 0xac, 0x02}, Request{ID: 300}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeRequest(tt.msg)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got.Arguments, "\x00") != strings.Join(tt.want.Arguments, "\x00") ||
				len(got.Arguments) != len(tt.want.Arguments) || got.ID != tt.want.ID {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestDecodeRequestErrors(t *testing.T) {
	tests := []struct {
		name string
		msg  []byte
		want string
	}{
		{"string longer than the message", []byte{0x0a, 5, 'a'}, "field 1: truncated"},
		{"varint cut off", []byte{0x18, 0x80}, "field 3: truncated"},
		{"key cut off", []byte{0x80}, "bad field key"},
		{"fixed64 cut off", []byte{0x39, 1}, "field 7: truncated"},
		{"group wire type", []byte{0x0b}, "unknown wire type 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeRequest(tt.msg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestReadRequestFraming(t *testing.T) {
	stream := []byte{3, 0x0a, 1, 'a', 2, 0x18, 1}
	r := bufio.NewReader(bytes.NewReader(stream))
	first, err := ReadRequest(r)
	if err != nil || len(first.Arguments) != 1 || first.Arguments[0] != "a" {
		t.Fatalf("first request: %+v, %v", first, err)
	}
	second, err := ReadRequest(r)
	if err != nil || second.ID != 1 {
		t.Fatalf("second request: %+v, %v", second, err)
	}
	if _, err := ReadRequest(r); err != io.EOF {
		t.Fatalf("after the last request: got %v, want io.EOF", err)
	}

	for name, stream := range map[string][]byte{
		"length cut off":  {0x80},
		"message cut off": {5, 0x0a, 3},
		"huge length":     {0xff, 0xff, 0xff, 0xff, 0x0f},
	} {
		if _, err := ReadRequest(bufio.NewReader(bytes.NewReader(stream))); err == nil || err == io.EOF {
			t.Errorf("%s: got %v, want an error", name, err)
		}
	}
}

func TestWriteResponse(t *testing.T) {
	tests := []struct {
		name string
		resp Response
		want []byte
	}{
		{"success", Response{}, []byte{0}},
		{"failure with output", Response{ExitCode: 1, Output: "x"}, []byte{5, 0x08, 1, 0x12, 1, 'x'}},
		{"request ID", Response{ID: 300}, []byte{3, 0x18, 0xac, 0x02}},
		{"negative exit code", Response{ExitCode: -1},
			[]byte{11, 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteResponse(&buf, tt.resp); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), tt.want) {
				t.Errorf("got % x, want % x", buf.Bytes(), tt.want)
			}
		})
	}
}

func TestServe(t *testing.T) {
	// Two requests: ["ok"] and ["fail"] with ID 2.
	in := []byte{4, 0x0a, 2, 'o', 'k', 8, 0x0a, 4, 'f', 'a', 'i', 'l', 0x18, 2}
	var out bytes.Buffer
	var seen []string
	err := Serve(bytes.NewReader(in), &out, func(args []string, output io.Writer) int {
		seen = append(seen, strings.Join(args, " "))
		if args[0] == "fail" {
			io.WriteString(output, "no")
			return 1
		}
		return 0
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(seen, ",") != "ok,fail" {
		t.Errorf("handled %q, want ok,fail", seen)
	}
	want := []byte{0, 8, 0x08, 1, 0x12, 2, 'n', 'o', 0x18, 2}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("responses: got % x, want % x", out.Bytes(), want)
	}

	if err := Serve(bytes.NewReader([]byte{5, 0x0a}), io.Discard, nil); err == nil {
		t.Error("Serve of a truncated stream: got nil error")
	}
}

func TestIsWorker(t *testing.T) {
	if !IsWorker([]string{"--persistent_worker"}) || IsWorker([]string{"@args"}) || IsWorker(nil) {
		t.Error("IsWorker is wrong")
	}
}

func TestWriteRequest(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteRequest(&buf, Request{Arguments: []string{"a", "-o"}, ID: 300}); err != nil {
		t.Fatal(err)
	}
	want := []byte{10, 0x0a, 1, 'a', 0x0a, 2, '-', 'o', 0x18, 0xac, 0x02}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("got % x, want % x", buf.Bytes(), want)
	}
}

func TestReadResponse(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		want    Response
		wantErr string
	}{
		{"success", []byte{0}, Response{}, ""},
		{"failure with output and ID", []byte{8, 0x08, 1, 0x12, 1, 'x', 0x18, 0xac, 0x02}, Response{ExitCode: 1, Output: "x", ID: 300}, ""},
		{"unknown field skipped", []byte{5, 0x22, 1, 'z', 0x08, 2}, Response{ExitCode: 2}, ""},
		{"end of stream", nil, Response{}, "EOF"},
		{"truncated", []byte{5, 0x08}, Response{}, "unexpected EOF"},
		{"bad output length", []byte{3, 0x12, 9, 'x'}, Response{}, "truncated field"},
		{"unknown wire type", []byte{1, 0x0f}, Response{}, "unknown wire type"},
		{"huge", []byte{0xff, 0xff, 0xff, 0xff, 0x0f}, Response{}, "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadResponse(bufio.NewReader(bytes.NewReader(tt.in)))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("got %+v, %v; want error %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}
