// QR codes as SVG (libqrencode), for family letters, links and gate passes.
#pragma once

#include <string>

namespace xiaoan {

// An SVG image of a QR code for `text` (error correction M, 4-module quiet zone), sized by its
// viewBox so it scales to any print size.
std::string qr_svg(const std::string& text);

}  // namespace xiaoan
