#include "support/robot.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace xiaoan::testing {

Robot::Robot() {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  listen(fd_, 16);
  thread_ = std::thread([this] { run(); });
}

Robot::~Robot() {
  stop_ = true;
  shutdown(fd_, SHUT_RDWR);
  close(fd_);
  thread_.join();
}

void Robot::answer(std::string json) {
  std::lock_guard<std::mutex> l(mu_);
  answer_ = std::move(json);
}

std::vector<Robot::Request> Robot::requests() {
  std::lock_guard<std::mutex> l(mu_);
  return requests_;
}

std::vector<std::string> Robot::bodies() {
  std::vector<std::string> out;
  for (const auto& r : requests()) out.push_back(r.body);
  return out;
}

void Robot::run() {
  while (!stop_) {
    int c = accept(fd_, nullptr, nullptr);
    if (c < 0) return;
    std::string req;
    char buf[4096];
    size_t want = std::string::npos;
    while (true) {
      ssize_t n = read(c, buf, sizeof buf);
      if (n <= 0) break;
      req.append(buf, static_cast<size_t>(n));
      size_t head = req.find("\r\n\r\n");
      if (head != std::string::npos && want == std::string::npos) {
        size_t cl = req.find("Content-Length: ");
        want = head + 4 + (cl == std::string::npos ? 0 : std::stoul(req.substr(cl + 16)));
      }
      if (want != std::string::npos && req.size() >= want) break;
    }
    size_t head = req.find("\r\n\r\n");
    std::string body;
    {
      std::lock_guard<std::mutex> l(mu_);
      if (head != std::string::npos) {
        size_t sp1 = req.find(' '), sp2 = req.find(' ', sp1 + 1);
        requests_.push_back({req.substr(sp1 + 1, sp2 - sp1 - 1), req.substr(head + 4)});
      }
      body = answer_;
    }
    std::string out = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    (void)!write(c, out.data(), out.size());
    close(c);
  }
}

}  // namespace xiaoan::testing
