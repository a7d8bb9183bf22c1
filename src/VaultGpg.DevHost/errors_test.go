package main

import (
	"testing"

	pb "vaultgpg.dev/devhost/proto/pb"
)

func TestProtoErrToErr_UnknownTypeIsNoError(t *testing.T) {
	if err := protoErrToErr(&pb.ProtoError{ErrType: 42, ErrMsg: "x"}); err != nil {
		t.Fatalf("got %v, Vault's ProtoErrToErr yields nil for an unknown type", err)
	}
}

func TestMultiError_FormatsLikeGoMultierror(t *testing.T) {
	one := appendErr(nil, errUnsupportedPath).Error()
	if one != "1 error occurred:\n\t* unsupported path\n\n" {
		t.Errorf("one: %q", one)
	}
	two := appendErr(appendErr(nil, errInvalidRequest), errPermissionDenied).Error()
	if two != "2 errors occurred:\n\t* invalid request\n\t* permission denied\n\n" {
		t.Errorf("two: %q", two)
	}
}
