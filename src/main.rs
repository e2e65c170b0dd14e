fn main() {
    pursuit::ui::panic::install();
    pursuit::ui::mount();
}
