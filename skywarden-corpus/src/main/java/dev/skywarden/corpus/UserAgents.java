package dev.skywarden.corpus;

/**
 * User agents of the clients that generated callers use, in the forms the clients send them.
 *
 * <p>Each form is one that Skywarden's client fingerprint list ({@code clients.tsv} in the core)
 * recognises, so a corpus exercises the fingerprints: the AWS CLI, the SDKs, the console, the cloud
 * shells, infrastructure-as-code tools, gcloud and the Google client libraries.
 */
final class UserAgents {

  static final String AWS_INTERNAL = "AWS Internal";

  private static final String[] BROWSERS = {
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/130.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/18.1 Safari/605.1.15"
  };

  private static final String[] CLI_VERSIONS = {"2.22.4", "2.21.3", "2.19.1", "2.17.52"};
  private static final String[] OPERATING_SYSTEMS = {
    "os/macos#24.1.0 md/arch#arm64",
    "os/linux#6.8.0-49-generic md/arch#x86_64",
    "os/windows#10 md/arch#amd64"
  };

  private UserAgents() {}

  static String browser(Rng rng) {
    return rng.pick(BROWSERS);
  }

  /**
   * Returns an AWS CLI v2 user agent; {@code command} is the CLI command such as
   * ec2.describe-instances.
   */
  static String awsCli(String version, String os, String command, boolean cloudShell) {
    return "aws-cli/"
        + version
        + " md/awscrt#0.22.0 ua/2.0 "
        + (cloudShell ? "os/linux#6.1.119-129.201.amzn2023.x86_64 md/arch#x86_64" : os)
        + " lang/python#3.12.6 md/pyimpl#CPython"
        + (cloudShell ? " exec-env/CloudShell" : "")
        + " cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#"
        + command;
  }

  static String cliVersion(Rng rng) {
    return rng.pick(CLI_VERSIONS);
  }

  static String operatingSystem(Rng rng) {
    return rng.pick(OPERATING_SYSTEMS);
  }

  static String boto3() {
    return "Boto3/1.35.76 md/Botocore#1.35.76 ua/2.0 os/linux#5.10.228-219.884.amzn2.x86_64"
        + " md/arch#x86_64 lang/python#3.11.10 md/pyimpl#CPython cfg/retry-mode#legacy"
        + " Botocore/1.35.76";
  }

  static String javaSdk() {
    return "aws-sdk-java/2.29.29 Linux/5.10.228-219.884.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/"
        + "21.0.5+11-LTS Java/21.0.5 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/"
        + "legacy cfg/auth-source#imds";
  }

  static String goSdk(String service) {
    return "aws-sdk-go-v2/1.32.6 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64"
        + " api/"
        + service
        + "#1.40.0";
  }

  static String nodeSdk() {
    return "aws-sdk-js/3.699.0 ua/2.1 os/linux#5.10.228-219.884.amzn2.x86_64 lang/js"
        + " md/nodejs#20.18.1 api/dynamodb#3.699.0 m/E";
  }

  static String terraformAws() {
    return "APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io)"
        + " terraform-provider-aws/5.80.0 (+https://registry.terraform.io/providers/hashicorp/aws)"
        + " aws-sdk-go-v2/1.32.6 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64";
  }

  static String pulumiAws() {
    return "pulumi-resource-aws/6.61.0 aws-sdk-go-v2/1.32.6 ua/2.1 os/linux lang/go#1.22.9"
        + " md/GOOS#linux md/GOARCH#amd64";
  }

  static String cloudFormation() {
    return "cloudformation.amazonaws.com";
  }

  static String powershell() {
    return "AWSPowerShell.Common/4.1.700.0 .NET_Core/8.0.11 OS/Microsoft_Windows_10.0.22631"
        + " PowerShellCore/7.4 ClientAsync";
  }

  static String gcloud(String command, boolean cloudShell) {
    return "google-cloud-sdk gcloud/502.0.0 command/gcloud."
        + command
        + " invocation-id/"
        + Integer.toHexString(command.hashCode() & 0x7FFFFFFF)
        + " environment/"
        + (cloudShell ? "devshell" : "None")
        + " environment-version/None client-os/LINUX interactive/True from-script/False"
        + " python/3.12.7,gzip(gfe)";
  }

  static String googleConsole(Rng rng) {
    return rng.pick(BROWSERS) + ",gzip(gfe)";
  }

  static String googleGoClient() {
    return "google-api-go-client/0.5 Terraform/1.9.8 (+https://www.terraform.io)"
        + " terraform-provider-google/6.12.0,gzip(gfe)";
  }

  static String googleClientLibrary() {
    return "gl-python/3.11.10 grpc/1.68.1 gax/2.23.0 gccl/3.27.0,gzip(gfe)";
  }
}
