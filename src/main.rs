//! Entry point of the standalone page that `trunk serve` builds: mount and nothing else.

fn main() {
    #[cfg(target_arch = "wasm32")]
    nhs_login_help::host::mount_standalone();
}
