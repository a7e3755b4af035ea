//! gRPC's canonical status codes (`google.rpc.Code`) and how they meet HTTP
//! statuses: each code's HTTP status as AIP-193 and grpc-gateway map it, and
//! for an HTTP status the code a catalogue gets when it names none.

/// A canonical gRPC status code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GrpcCode {
    Ok,
    Cancelled,
    Unknown,
    InvalidArgument,
    DeadlineExceeded,
    NotFound,
    AlreadyExists,
    PermissionDenied,
    ResourceExhausted,
    FailedPrecondition,
    Aborted,
    OutOfRange,
    Unimplemented,
    Internal,
    Unavailable,
    DataLoss,
    Unauthenticated,
}

impl GrpcCode {
    /// Every code, by number (`google.rpc.Code`: `OK` is 0).
    pub const ALL: [GrpcCode; 17] = [
        GrpcCode::Ok,
        GrpcCode::Cancelled,
        GrpcCode::Unknown,
        GrpcCode::InvalidArgument,
        GrpcCode::DeadlineExceeded,
        GrpcCode::NotFound,
        GrpcCode::AlreadyExists,
        GrpcCode::PermissionDenied,
        GrpcCode::ResourceExhausted,
        GrpcCode::FailedPrecondition,
        GrpcCode::Aborted,
        GrpcCode::OutOfRange,
        GrpcCode::Unimplemented,
        GrpcCode::Internal,
        GrpcCode::Unavailable,
        GrpcCode::DataLoss,
        GrpcCode::Unauthenticated,
    ];

    /// The canonical name, as `google.rpc.Code` writes it (`NOT_FOUND`).
    pub fn name(self) -> &'static str {
        match self {
            GrpcCode::Ok => "OK",
            GrpcCode::Cancelled => "CANCELLED",
            GrpcCode::Unknown => "UNKNOWN",
            GrpcCode::InvalidArgument => "INVALID_ARGUMENT",
            GrpcCode::DeadlineExceeded => "DEADLINE_EXCEEDED",
            GrpcCode::NotFound => "NOT_FOUND",
            GrpcCode::AlreadyExists => "ALREADY_EXISTS",
            GrpcCode::PermissionDenied => "PERMISSION_DENIED",
            GrpcCode::ResourceExhausted => "RESOURCE_EXHAUSTED",
            GrpcCode::FailedPrecondition => "FAILED_PRECONDITION",
            GrpcCode::Aborted => "ABORTED",
            GrpcCode::OutOfRange => "OUT_OF_RANGE",
            GrpcCode::Unimplemented => "UNIMPLEMENTED",
            GrpcCode::Internal => "INTERNAL",
            GrpcCode::Unavailable => "UNAVAILABLE",
            GrpcCode::DataLoss => "DATA_LOSS",
            GrpcCode::Unauthenticated => "UNAUTHENTICATED",
        }
    }

    /// The code named `name` (canonical, upper case).
    pub fn from_name(name: &str) -> Option<GrpcCode> {
        GrpcCode::ALL.into_iter().find(|code| code.name() == name)
    }

    /// Its number in `google.rpc.Code`.
    pub fn number(self) -> i32 {
        GrpcCode::ALL.iter().position(|code| *code == self).map_or(2, |index| index as i32)
    }

    /// The HTTP status AIP-193 (and grpc-gateway's `HTTPStatusFromCode`)
    /// gives the code.
    pub fn http_status(self) -> u16 {
        match self {
            GrpcCode::Ok => 200,
            GrpcCode::Cancelled => 499,
            GrpcCode::InvalidArgument | GrpcCode::FailedPrecondition | GrpcCode::OutOfRange => 400,
            GrpcCode::DeadlineExceeded => 504,
            GrpcCode::NotFound => 404,
            GrpcCode::AlreadyExists | GrpcCode::Aborted => 409,
            GrpcCode::PermissionDenied => 403,
            GrpcCode::ResourceExhausted => 429,
            GrpcCode::Unimplemented => 501,
            GrpcCode::Unknown | GrpcCode::Internal | GrpcCode::DataLoss => 500,
            GrpcCode::Unavailable => 503,
            GrpcCode::Unauthenticated => 401,
        }
    }

    /// The code an error with HTTP status `status` gets when the catalogue
    /// names none: the one AIP-193 maps to that status (the general one
    /// where several do: 400 is `INVALID_ARGUMENT`, 409 `ABORTED`), else by
    /// what the status means (410 Gone is `NOT_FOUND`, 502 is
    /// `UNAVAILABLE`, a client's 4xx `FAILED_PRECONDITION`, a 5xx
    /// `INTERNAL`). Never the other way round: a catalogue's HTTP status
    /// is its own.
    pub fn for_http_status(status: u16) -> GrpcCode {
        match status {
            400 | 413 | 414 | 415 | 422 => GrpcCode::InvalidArgument,
            401 => GrpcCode::Unauthenticated,
            403 => GrpcCode::PermissionDenied,
            404 | 410 => GrpcCode::NotFound,
            405 | 501 => GrpcCode::Unimplemented,
            408 | 504 => GrpcCode::DeadlineExceeded,
            409 => GrpcCode::Aborted,
            416 => GrpcCode::OutOfRange,
            429 => GrpcCode::ResourceExhausted,
            499 => GrpcCode::Cancelled,
            502 | 503 => GrpcCode::Unavailable,
            400..=499 => GrpcCode::FailedPrecondition,
            500..=599 => GrpcCode::Internal,
            _ => GrpcCode::Unknown,
        }
    }
}

/// The longest reason AIP-193 allows (`[A-Z][A-Z0-9_]+[A-Z0-9]`, at most
/// 63 characters).
pub const MAX_REASON_LEN: usize = 63;

#[cfg(test)]
mod tests {
    use super::GrpcCode;

    #[test]
    fn names_numbers_and_statuses() {
        for (number, code) in GrpcCode::ALL.into_iter().enumerate() {
            assert_eq!(code.number(), number as i32);
            assert_eq!(GrpcCode::from_name(code.name()), Some(code));
        }
        assert_eq!(GrpcCode::NotFound.number(), 5);
        assert_eq!(GrpcCode::Unauthenticated.number(), 16);
        // Each code AIP-193 maps an HTTP status to gets that status back.
        for code in [GrpcCode::InvalidArgument, GrpcCode::NotFound, GrpcCode::ResourceExhausted, GrpcCode::Internal] {
            assert_eq!(GrpcCode::for_http_status(code.http_status()), code);
        }
        assert_eq!(GrpcCode::for_http_status(402), GrpcCode::FailedPrecondition);
        assert_eq!(GrpcCode::for_http_status(200), GrpcCode::Unknown);
    }
}
