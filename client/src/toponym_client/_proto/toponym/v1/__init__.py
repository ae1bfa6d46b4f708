"""Generated protobuf code for the toponym API; do not edit."""
