// Package worker lets a command run as a Bazel persistent worker, so that
// Bazel can send it one request after another instead of starting a process
// (and setting up a sandbox) for every action.
//
// Bazel starts a worker with the flag --persistent_worker and writes
// WorkRequest messages to its standard input; the worker answers each with a
// WorkResponse on standard output. Both are protocol buffers
// (src/main/protobuf/worker_protocol.proto in Bazel), each preceded by its
// length as a varint. The few fields needed are encoded here by hand, so the
// tools stay free of dependencies outside the standard library.
//
// Requests are served one at a time (a singleplex worker): Bazel starts more
// worker processes when it wants parallelism.
package worker

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Flag is the command-line flag with which Bazel starts a persistent worker.
const Flag = "--persistent_worker"

// IsWorker reports whether args (without the program name) ask for worker mode.
func IsWorker(args []string) bool {
	for _, a := range args {
		if a == Flag {
			return true
		}
	}
	return false
}

// Request is the part of a WorkRequest a worker needs.
type Request struct {
	// Arguments are the action's arguments: the contents of its parameter file.
	Arguments []string
	// ID is the request_id, zero for singleplex workers.
	ID int32
}

// Response is a WorkResponse.
type Response struct {
	// ExitCode is the action's exit status: zero for success.
	ExitCode int32
	// Output is what the action printed, shown by Bazel when the action fails.
	Output string
	// ID echoes the request's ID.
	ID int32
}

// maxMessage bounds the size of one request, so a corrupt length prefix
// gives an error rather than a huge allocation.
const maxMessage = 64 << 20

// Serve reads requests from r until it is exhausted and answers each one on
// w with the exit code and output of handle. It returns nil when r ends
// cleanly between requests, which is how Bazel stops a worker.
func Serve(r io.Reader, w io.Writer, handle func(args []string, output io.Writer) int) error {
	br := bufio.NewReader(r)
	for {
		req, err := ReadRequest(br)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		var out bytes.Buffer
		code := handle(req.Arguments, &out)
		if err := WriteResponse(w, Response{ExitCode: int32(code), Output: out.String(), ID: req.ID}); err != nil {
			return fmt.Errorf("writing the response to request %d: %w", req.ID, err)
		}
	}
}

// ReadRequest reads one length-delimited WorkRequest. It returns io.EOF if r
// ends before the first byte of a request.
func ReadRequest(r *bufio.Reader) (Request, error) {
	msg, err := readMessage(r, "request")
	if err != nil {
		return Request{}, err
	}
	return decodeRequest(msg)
}

// readMessage reads one length-delimited message (a work request or
// response, named by what), or io.EOF if r ends before its first byte.
func readMessage(r *bufio.Reader, what string) ([]byte, error) {
	size, err := binary.ReadUvarint(r)
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, fmt.Errorf("reading the length of a work %s: %w", what, unexpectedEOF(err))
	}
	if size > maxMessage {
		return nil, fmt.Errorf("work %s of %d bytes is larger than %d: not a stream of work %ss", what, size, maxMessage, what)
	}
	msg := make([]byte, size)
	if _, err := io.ReadFull(r, msg); err != nil {
		return nil, fmt.Errorf("reading a work %s of %d bytes: %w", what, size, unexpectedEOF(err))
	}
	return msg, nil
}

// writeMessage writes msg preceded by its length.
func writeMessage(w io.Writer, msg []byte) error {
	_, err := w.Write(append(binary.AppendUvarint(nil, uint64(len(msg))), msg...))
	return err
}

func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// Field numbers and wire types of worker_protocol.proto.
const (
	requestArguments = 1 // repeated string
	requestID        = 3 // int32
	responseExitCode = 1 // int32
	responseOutput   = 2 // string
	responseID       = 3 // int32

	wireVarint  = 0
	wireFixed64 = 1
	wireBytes   = 2
	wireFixed32 = 5
)

var errTruncated = errors.New("truncated field")

// decodeRequest decodes a WorkRequest, skipping the fields it does not need
// (inputs, cancel, verbosity, sandbox_dir and any added later).
func decodeRequest(b []byte) (Request, error) {
	var req Request
	err := forEachField(b, "request", func(field uint64, v uint64, data []byte) {
		switch {
		case field == requestID && data == nil:
			req.ID = int32(v)
		case field == requestArguments && data != nil:
			req.Arguments = append(req.Arguments, string(data))
		}
	})
	return req, err
}

// forEachField calls fn for each field of a protocol buffer message: with the
// value of a varint field, or the contents of a length-delimited one (never
// nil then). Fixed-width fields are skipped.
func forEachField(b []byte, what string, fn func(field uint64, v uint64, data []byte)) error {
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			return fmt.Errorf("malformed work %s: bad field key", what)
		}
		b = b[n:]
		field, wire := key>>3, key&7
		switch wire {
		case wireVarint:
			v, n := binary.Uvarint(b)
			if n <= 0 {
				return fmt.Errorf("malformed work %s: field %d: %w", what, field, errTruncated)
			}
			b = b[n:]
			fn(field, v, nil)
		case wireBytes:
			size, n := binary.Uvarint(b)
			if n <= 0 || size > uint64(len(b)-n) {
				return fmt.Errorf("malformed work %s: field %d: %w", what, field, errTruncated)
			}
			fn(field, 0, b[n:n+int(size):n+int(size)])
			b = b[n+int(size):]
		case wireFixed64, wireFixed32:
			size := 8
			if wire == wireFixed32 {
				size = 4
			}
			if len(b) < size {
				return fmt.Errorf("malformed work %s: field %d: %w", what, field, errTruncated)
			}
			b = b[size:]
		default:
			return fmt.Errorf("malformed work %s: field %d has unknown wire type %d", what, field, wire)
		}
	}
	return nil
}

// WriteResponse writes one length-delimited WorkResponse.
func WriteResponse(w io.Writer, resp Response) error {
	var msg []byte
	if resp.ExitCode != 0 {
		msg = appendVarintField(msg, responseExitCode, uint64(int64(resp.ExitCode)))
	}
	if resp.Output != "" {
		msg = binary.AppendUvarint(msg, responseOutput<<3|wireBytes)
		msg = binary.AppendUvarint(msg, uint64(len(resp.Output)))
		msg = append(msg, resp.Output...)
	}
	if resp.ID != 0 {
		msg = appendVarintField(msg, responseID, uint64(int64(resp.ID)))
	}
	return writeMessage(w, msg)
}

// appendVarintField appends an int32 field; negative values take ten bytes,
// as protocol buffers sign-extend int32 to 64 bits.
func appendVarintField(b []byte, field, v uint64) []byte {
	b = binary.AppendUvarint(b, field<<3|wireVarint)
	return binary.AppendUvarint(b, v)
}

// WriteRequest writes one length-delimited WorkRequest with the given
// arguments and ID: what Bazel sends, and what a worker that hands its
// requests on to another process sends that process.
func WriteRequest(w io.Writer, req Request) error {
	var msg []byte
	for _, a := range req.Arguments {
		msg = binary.AppendUvarint(msg, requestArguments<<3|wireBytes)
		msg = binary.AppendUvarint(msg, uint64(len(a)))
		msg = append(msg, a...)
	}
	if req.ID != 0 {
		msg = appendVarintField(msg, requestID, uint64(int64(req.ID)))
	}
	return writeMessage(w, msg)
}

// ReadResponse reads one length-delimited WorkResponse. It returns io.EOF if
// r ends before the first byte of a response.
func ReadResponse(r *bufio.Reader) (Response, error) {
	msg, err := readMessage(r, "response")
	if err != nil {
		return Response{}, err
	}
	var resp Response
	err = forEachField(msg, "response", func(field uint64, v uint64, data []byte) {
		switch {
		case field == responseExitCode && data == nil:
			resp.ExitCode = int32(v)
		case field == responseID && data == nil:
			resp.ID = int32(v)
		case field == responseOutput && data != nil:
			resp.Output = string(data)
		}
	})
	return resp, err
}
