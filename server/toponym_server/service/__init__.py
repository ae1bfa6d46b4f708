"""The gRPC service: validates requests, converts them, calls the resolver, converts answers back."""
